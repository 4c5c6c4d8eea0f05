using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using IctGov.Kernel.Results;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Registry;

/// <summary>What a template field's data must be.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldKind>))]
internal enum FieldKind
{
    /// <summary>Any UTF-8 text.</summary>
    String,
    /// <summary>A whole number, e.g. <c>42</c>.</summary>
    Integer,
    /// <summary>A decimal number, e.g. <c>3.14</c>.</summary>
    Decimal,
    /// <summary>A calendar date yyyy-MM-dd.</summary>
    Date,
    /// <summary>An absolute http(s) URL.</summary>
    Url,
}

/// <summary>One field of a data template: the handle value type that carries it and its rules.</summary>
/// <param name="Type">The value type, e.g. <c>PRODUCT.NAME</c> or <c>URL</c>.</param>
/// <param name="Name">Display name (Chinese first).</param>
internal sealed record TemplateField(string Type, string? Name, bool Required, FieldKind Kind = FieldKind.String, int? MinLength = null, int? MaxLength = null);

/// <summary>A rule a registration broke: which handle, which field, which rule.</summary>
internal sealed record TemplateViolation(string Handle, string Field, string Rule)
{
    public override string ToString() => $"{Handle}: field {Field}: {Rule}";
}

/// <summary>
/// A prefix's data template (标识数据模板): the values every identifier under the prefix must or may
/// carry. Value types not in the template are allowed (Handle's own types such as HS_ADMIN, and
/// extensions an enterprise adds), because a template fixes a minimum, not a closed schema.
/// </summary>
internal sealed record DataTemplate(string Prefix, IReadOnlyList<TemplateField> Fields)
{
    /// <summary>Checks a definition; returns the problems (empty when usable), the fields counted from 1 as rows.</summary>
    public static List<RowError> CheckDefinition(IReadOnlyList<TemplateField>? fields)
    {
        var problems = new List<RowError>();
        if (fields is null || fields.Count == 0)
        {
            problems.Add(new RowError(0, "fields", "at least one field"));
            return problems;
        }
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (string.IsNullOrWhiteSpace(f.Type) || f.Type.Length > 255)
            {
                problems.Add(new RowError(i + 1, "type", "required, at most 255 characters"));
            }
            else if (fields.Take(i).Any(o => string.Equals(o.Type, f.Type, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new RowError(i + 1, "type", $"'{f.Type}' appears twice"));
            }
            if (!Enum.IsDefined(f.Kind))
            {
                problems.Add(new RowError(i + 1, "kind", "one of string, integer, decimal, date, url"));
            }
            if (f.MinLength is < 0 || f.MaxLength is < 1)
            {
                problems.Add(new RowError(i + 1, "minLength", "lengths must be positive"));
            }
            if (f.MinLength is { } min && f.MaxLength is { } max && min > max)
            {
                problems.Add(new RowError(i + 1, "maxLength", "below minLength"));
            }
        }
        return problems;
    }

    /// <summary>Appends every rule the handle's values break to <paramref name="into"/>.</summary>
    public void Validate(string handle, IReadOnlyList<HandleValue> values, List<TemplateViolation> into)
    {
        foreach (var field in Fields)
        {
            HandleValue? value = null;
            foreach (var v in values)
            {
                if (string.Equals(v.Type, field.Type, StringComparison.OrdinalIgnoreCase))
                {
                    value = v;
                    break;
                }
            }
            if (value is null)
            {
                if (field.Required)
                {
                    into.Add(new TemplateViolation(handle, field.Type, "required by the prefix's data template, missing"));
                }
                continue;
            }
            string text;
            try
            {
                text = Strict.GetString(value.Data);
            }
            catch (DecoderFallbackException)
            {
                into.Add(new TemplateViolation(handle, field.Type, "must be UTF-8 text"));
                continue;
            }
            var length = text.EnumerateRunes().Count();
            if (field.MinLength is { } min && length < min)
            {
                into.Add(new TemplateViolation(handle, field.Type, $"at least {min} characters, got {length}"));
            }
            if (field.MaxLength is { } max && length > max)
            {
                into.Add(new TemplateViolation(handle, field.Type, $"at most {max} characters, got {length}"));
            }
            if (!Fits(field.Kind, text))
            {
                into.Add(new TemplateViolation(handle, field.Type, $"expected {Describe(field.Kind)}, got '{Clip(text)}'"));
            }
        }
    }

    private static readonly UTF8Encoding Strict = new(false, true);

    private static bool Fits(FieldKind kind, string text) => kind switch
    {
        FieldKind.String => true,
        FieldKind.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        FieldKind.Decimal => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _),
        FieldKind.Date => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        FieldKind.Url => Uri.TryCreate(text, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps),
        _ => false,
    };

    private static string Describe(FieldKind kind) => kind switch
    {
        FieldKind.Integer => "a whole number",
        FieldKind.Decimal => "a decimal number",
        FieldKind.Date => "a date yyyy-MM-dd",
        FieldKind.Url => "an http(s) URL",
        _ => "text",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
