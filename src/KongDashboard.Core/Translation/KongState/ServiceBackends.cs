using k8s.Models;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// The Kubernetes Services behind one Kong service, with the annotations KIC reads from them (a KongServiceFacade's
/// merged over its Service's), and the protocol the Kong service had before annotations were applied — what
/// KIC's populateServices sees when it handles the TLS annotations.
/// </summary>
internal sealed record ServiceBackends(string KongServiceName, string InitialProtocol, IReadOnlyList<V1Service> Services);
