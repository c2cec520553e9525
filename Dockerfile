# Multi-stage build: the SDK restores and publishes; the runtime is the chiseled ASP.NET image (no shell, no
# package manager, ~110 MB) running as its built-in non-root user (uid 1654). Build from the repository root:
#   docker build -t kong-dashboard .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits reuse the restore layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/KongDashboard/KongDashboard.csproj src/KongDashboard/
COPY src/KongDashboard.Core/KongDashboard.Core.csproj src/KongDashboard.Core/
RUN dotnet restore src/KongDashboard/KongDashboard.csproj
COPY appsettings.json ./
COPY wwwroot/ wwwroot/
# The product only: not the demo (src/KongDashboard.Demo), the embedded cluster or the measurement tool.
COPY src/KongDashboard/ src/KongDashboard/
COPY src/KongDashboard.Core/ src/KongDashboard.Core/
RUN dotnet publish src/KongDashboard/KongDashboard.csproj -c Release -o /app --no-restore --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app .
# The deployment mounts an emptyDir at /tmp (read-only root filesystem); ASP.NET's data-protection fallback only
# ever writes there.
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Console__FormatterName=json \
    DOTNET_gcServer=0 \
    DOTNET_EnableDiagnostics=0 \
    TMPDIR=/tmp
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "KongDashboard.dll"]
