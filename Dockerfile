# Multi-stage build: SDK to publish, the small ASP.NET runtime image to run, as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/KongDashboard/KongDashboard.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Console__FormatterName=json \
    DOTNET_gcServer=0
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "KongDashboard.dll"]
