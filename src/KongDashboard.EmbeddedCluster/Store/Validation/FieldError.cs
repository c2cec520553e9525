using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store.Validation;

/// <summary>The type of a field error, printed and reported as apimachinery's field.ErrorType does.</summary>
public enum FieldErrorType { Required, Invalid, NotSupported, Duplicate, Forbidden, TooLong, TooMany, NotFound }

/// <summary>
/// One field error (apimachinery field/errors.go:41-97): <c>field: Type[: value][: detail]</c>. Required,
/// Forbidden and TooLong never print the value; strings print quoted, numbers bare.
/// </summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? Value, string Detail = "")
{
    public static FieldError Required(string field, string detail = "") => new(FieldErrorType.Required, field, null, detail);

    public static FieldError Invalid(string field, object? value, string detail) => new(FieldErrorType.Invalid, field, value, detail);

    public static FieldError Forbidden(string field, string detail) => new(FieldErrorType.Forbidden, field, null, detail);

    public static FieldError Duplicate(string field, object? value) => new(FieldErrorType.Duplicate, field, value);

    public static FieldError NotSupported(string field, object? value, params string[] supported) =>
        new(FieldErrorType.NotSupported, field, value, "supported values: " + string.Join(", ", supported.Select(s => $"\"{s}\"")));

    public static FieldError TooLong(string field, int max) =>
        new(FieldErrorType.TooLong, field, null, $"may not be more than {max} {(max == 1 ? "byte" : "bytes")}");

    public static FieldError TooMany(string field, int actual, int max) =>
        new(FieldErrorType.TooMany, field, actual, $"must have at most {max} items");

    public string Reason => Type switch
    {
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        _ => "FieldValueNotFound",
    };

    private string TypeText => Type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        _ => "Not found",
    };

    /// <summary>The message without the field path: what a Status cause carries.</summary>
    public string Body
    {
        get
        {
            var text = Type is FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong
                ? TypeText
                : $"{TypeText}: {Format(Value)}";
            return Detail.Length == 0 ? text : $"{text}: {Detail}";
        }
    }

    public override string ToString() => $"{Field}: {Body}";

    /// <summary>Go's %q for strings, %v for numbers and bools, "null" for nil.</summary>
    internal static string Format(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        JsonValue v => v.ToJsonString(),
        bool b => b ? "true" : "false",
        string[] list => "[]string{" + string.Join(", ", list.Select(Quote)) + "}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
