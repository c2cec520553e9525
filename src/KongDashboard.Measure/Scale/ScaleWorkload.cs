using System.Globalization;
using System.Text;

namespace KongDashboard.Cli.Scale;

/// <summary>
/// The objects <c>measure-scale</c> loads with <c>kubectl create -f</c>: a namespace, then per Ingress its Service
/// (so every route has a backend). Names are zero-padded so each Ingress's name is a unique search term.
/// </summary>
public static class ScaleWorkload
{
    public const string Namespace = "scale";

    public static string IngressName(int i) => string.Create(CultureInfo.InvariantCulture, $"scale-ing-{i:D5}");

    /// <summary>Writes the manifest and returns how many objects it holds (the namespace not counted).</summary>
    public static int Write(string path, int ingresses)
    {
        using var writer = new StreamWriter(path, append: false, Encoding.UTF8);
        writer.Write($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n");
        for (var i = 0; i < ingresses; i++)
        {
            var name = IngressName(i);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: svc-{i:D5}
                  namespace: {Namespace}
                spec:
                  ports:
                  - port: 80
                    targetPort: 8080
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: {name}
                  namespace: {Namespace}
                spec:
                  ingressClassName: kong
                  rules:
                  - host: {name}.example.com
                    http:
                      paths:
                      - path: /{name}
                        pathType: Prefix
                        backend:
                          service:
                            name: svc-{i:D5}
                            port:
                              number: 80

                """));
        }

        return ingresses * 2;
    }
}
