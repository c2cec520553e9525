using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Store.Validation;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// ListOptions validation for lists and watches (apimachinery pkg/apis/meta/internalversion/validation/validation.go:28-76):
/// 422 <c>ListOptions.meta.k8s.io "" is invalid: …</c>, and the continue/resourceVersion rule of etcd3/store.go:645.
/// </summary>
internal static class ListOptionsCheck
{
    public static void Validate(IQueryCollection query, bool isWatch)
    {
        var rv = query["resourceVersion"].ToString();
        var match = query["resourceVersionMatch"].ToString();
        var continueToken = query["continue"].ToString();
        var sendInitialEvents = query.ContainsKey("sendInitialEvents");
        var errors = new List<FieldError>();
        if (!isWatch)
        {
            if (match.Length > 0)
            {
                if (rv.Length == 0)
                {
                    errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
                }

                if (continueToken.Length > 0)
                {
                    errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
                }

                if (match is not ("Exact" or "NotOlderThan"))
                {
                    errors.Add(FieldError.NotSupported("resourceVersionMatch", match, "Exact", "NotOlderThan", ""));
                }

                if (match == "Exact" && rv == "0")
                {
                    errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
                }
            }
            if (sendInitialEvents)
            {
                errors.Add(FieldError.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }
        }
        else if (sendInitialEvents)
        {
            if (match != "NotOlderThan")
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }

            if (continueToken.Length > 0)
            {
                errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }
        }
        else if (match.Length > 0)
        {
            errors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
        }
        if (errors.Count > 0)
        {
            throw ApiException.Invalid("ListOptions.meta.k8s.io", "", errors);
        }

        if (!isWatch && continueToken.Length > 0 && rv.Length > 0 && rv != "0")
        {
            throw ApiException.BadRequest("specifying resource version is not allowed when using continue");
        }
    }
}
