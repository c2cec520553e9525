namespace KongDashboard.Core.Translation;

/// <summary>Go's strconv.ParseBool, which KIC uses for boolean annotations (it accepts 1/t/T/TRUE/true/True and the false forms).</summary>
internal static class GoBool
{
    public static bool TryParse(string? value, out bool result)
    {
        switch (value)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                result = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }
}
