using System.Globalization;
using System.Text;

namespace IctGov.Security.Domain.Stix;

/// <summary>One step of an object path after the object type: a property name, a list index, or <c>[*]</c> (any element).</summary>
internal sealed record PathStep(string? Property, int? Index, bool AnyIndex)
{
    public override string ToString() => Property is not null ? "." + Property : AnyIndex ? "[*]" : $"[{Index}]";
}

/// <summary>An object path, <c>file:hashes.'SHA-256'</c> or <c>email-message:to_refs[*].value</c> (STIX 2.1 section 9.5).</summary>
internal sealed record ObjectPath(string ObjectType, IReadOnlyList<PathStep> Steps)
{
    public override string ToString() => ObjectType + ":" + string.Concat(Steps.Select(s => s.ToString()))[1..];
}

/// <summary>A literal of the pattern language: string, integer, float, boolean, binary (b'…'), hex (h'…'), timestamp (t'…') or a set of those.</summary>
internal sealed record PatternLiteral(string Kind, object Value);

/// <summary>A node of a comparison expression (inside one <c>[…]</c>).</summary>
internal abstract record ComparisonExpression;

/// <summary>path [NOT] operator literal, or EXISTS path (operator "EXISTS", no literal).</summary>
internal sealed record Comparison(ObjectPath Path, bool Negated, string Operator, PatternLiteral? Literal) : ComparisonExpression;

/// <summary>Comparisons joined by AND or OR (AND binds tighter).</summary>
internal sealed record ComparisonJunction(string Operator, IReadOnlyList<ComparisonExpression> Operands) : ComparisonExpression;

/// <summary>A qualifier of an observation expression (section 9.6): WITHIN n SECONDS, REPEATS n TIMES, START t STOP t.</summary>
internal sealed record Qualifier(string Kind, decimal? Number, DateTimeOffset? Start, DateTimeOffset? Stop);

/// <summary>A node of an observation expression.</summary>
internal abstract record ObservationExpression
{
    public IReadOnlyList<Qualifier> Qualifiers { get; init; } = [];
}

/// <summary>One observation, <c>[comparison expression]</c>.</summary>
internal sealed record Observation(ComparisonExpression Comparison) : ObservationExpression;

/// <summary>Observations joined by AND, OR or FOLLOWEDBY (precedence: AND over OR over FOLLOWEDBY), or a parenthesised group.</summary>
internal sealed record ObservationJunction(string Operator, IReadOnlyList<ObservationExpression> Operands) : ObservationExpression;

/// <summary>
/// The STIX patterning language (STIX 2.1 section 9, its ANTLR grammar STIXPattern.g4): a recursive
/// descent parser over the characters of the pattern. A pattern is observation expressions joined by
/// AND, OR and FOLLOWEDBY (in that order of precedence, all left-associative), each a comparison
/// expression in brackets or a parenthesised group, followed by qualifiers; a comparison expression is
/// comparisons joined by AND and OR, each an object path, an optional NOT, an operator and a literal
/// of the kind the operator takes (section 9.4's table), or EXISTS and a path. Keywords are written in
/// upper case as the grammar writes them. Every refusal gives the character offset and what was expected.
/// </summary>
internal sealed class StixPattern
{
    private const int MaxLength = 100_000;
    private const int MaxDepth = 64;

    private static readonly string[] EqualityOperators = ["=", "!="];
    private static readonly string[] OrderOperators = [">=", "<=", ">", "<"];
    private static readonly string[] WordOperators = ["IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"];

    private readonly string text;
    private int pos;
    private int depth;

    private StixPattern(string text) => this.text = text;

    /// <summary>Parses a pattern; null and a problem ("at offset n: expected …") when it is not one.</summary>
    public static ObservationExpression? Parse(string? pattern, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            problem = "expected a STIX pattern such as [ipv4-addr:value = '198.51.100.1'], found nothing";
            return null;
        }
        if (pattern.Length > MaxLength)
        {
            problem = $"a pattern is at most {MaxLength:N0} characters here";
            return null;
        }
        var parser = new StixPattern(pattern);
        try
        {
            var result = parser.ObservationExpressions();
            parser.SkipSpace();
            if (parser.pos < pattern.Length)
            {
                throw parser.Expected("AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern");
            }
            return result;
        }
        catch (PatternException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private sealed class PatternException(string message) : Exception(message);

    private PatternException Expected(string what)
    {
        var found = pos >= text.Length ? "the end of the pattern" : $"'{Clip(text[pos..])}'";
        return new PatternException($"at offset {pos}: expected {what}, found {found}");
    }

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;

    private void Enter()
    {
        if (++depth > MaxDepth)
        {
            throw new PatternException($"at offset {pos}: the pattern nests deeper than {MaxDepth} levels");
        }
    }

    // observationExpressions: observationExpressionOr (FOLLOWEDBY observationExpressionOr)*
    private ObservationExpression ObservationExpressions() =>
        Junction("FOLLOWEDBY", () => Junction("OR", () => Junction("AND", ObservationWithQualifiers)));

    private ObservationExpression Junction(string keyword, Func<ObservationExpression> operand)
    {
        var first = operand();
        List<ObservationExpression>? rest = null;
        while (Keyword(keyword))
        {
            (rest ??= [first]).Add(operand());
        }
        return rest is null ? first : new ObservationJunction(keyword, rest);
    }

    private ObservationExpression ObservationWithQualifiers()
    {
        Enter();
        SkipSpace();
        ObservationExpression expression;
        if (Char('['))
        {
            var comparison = ComparisonOr();
            SkipSpace();
            if (!Char(']'))
            {
                throw Expected("AND, OR or ] closing the observation");
            }
            expression = new Observation(comparison);
        }
        else if (Char('('))
        {
            expression = ObservationExpressions();
            SkipSpace();
            if (!Char(')'))
            {
                throw Expected("AND, OR, FOLLOWEDBY or ) closing the group");
            }
        }
        else
        {
            throw Expected("[ opening an observation expression or ( opening a group");
        }
        var qualifiers = new List<Qualifier>();
        while (true)
        {
            if (Keyword("WITHIN"))
            {
                var n = Number(allowFloat: true, "a positive number of seconds after WITHIN");
                if (!Keyword("SECONDS")) throw Expected("SECONDS after WITHIN's number");
                qualifiers.Add(new Qualifier("WITHIN", n, null, null));
            }
            else if (Keyword("REPEATS"))
            {
                var n = Number(allowFloat: false, "a positive integer after REPEATS");
                if (!Keyword("TIMES")) throw Expected("TIMES after REPEATS's number");
                qualifiers.Add(new Qualifier("REPEATS", n, null, null));
            }
            else if (Keyword("START"))
            {
                SkipSpace();
                var start = TimestampLiteral();
                if (!Keyword("STOP")) throw Expected("STOP after START's timestamp");
                SkipSpace();
                var stopAt = pos;
                var stop = TimestampLiteral();
                if (stop <= start)
                {
                    pos = stopAt;
                    throw new PatternException($"at offset {stopAt}: STOP must be later than START (section 9.6)");
                }
                qualifiers.Add(new Qualifier("START", null, start, stop));
            }
            else
            {
                break;
            }
        }
        depth--;
        return qualifiers.Count == 0 ? expression : expression with { Qualifiers = qualifiers };
    }

    private decimal Number(bool allowFloat, string what)
    {
        SkipSpace();
        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        if (allowFloat && pos < text.Length && text[pos] == '.' && pos > start)
        {
            pos++;
            var fraction = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            if (pos == fraction) { pos = start; throw Expected(what); }
        }
        if (pos == start || (pos < text.Length && (IsWordChar(text[pos]) || text[pos] == '.')))
        {
            pos = start;
            throw Expected(what);
        }
        if (!decimal.TryParse(text.AsSpan(start, pos - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            pos = start;
            throw Expected(what);
        }
        return n;
    }

    // comparisonExpression: comparisonExpressionAnd (OR comparisonExpressionAnd)*
    private ComparisonExpression ComparisonOr()
    {
        var first = ComparisonAnd();
        List<ComparisonExpression>? rest = null;
        while (Keyword("OR"))
        {
            (rest ??= [first]).Add(ComparisonAnd());
        }
        return rest is null ? first : new ComparisonJunction("OR", rest);
    }

    private ComparisonExpression ComparisonAnd()
    {
        var first = PropertyTest();
        List<ComparisonExpression>? rest = null;
        while (Keyword("AND"))
        {
            (rest ??= [first]).Add(PropertyTest());
        }
        return rest is null ? first : new ComparisonJunction("AND", rest);
    }

    private ComparisonExpression PropertyTest()
    {
        Enter();
        SkipSpace();
        ComparisonExpression result;
        if (Char('('))
        {
            result = ComparisonOr();
            SkipSpace();
            if (!Char(')')) throw Expected("AND, OR or ) closing the comparison group");
        }
        else if (Keyword("EXISTS"))
        {
            result = new Comparison(Path(), false, "EXISTS", null);
        }
        else
        {
            var path = Path();
            var negated = Keyword("NOT");
            SkipSpace();
            var op = Operator() ?? throw Expected("a comparison operator (=, !=, >, <, >=, <=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
            SkipSpace();
            var literal = op switch
            {
                "=" or "!=" => PrimitiveLiteral(),
                ">" or "<" or ">=" or "<=" => OrderableLiteral(),
                "IN" => SetLiteral(),
                _ => StringOnly(op),
            };
            result = new Comparison(path, negated, op, literal);
        }
        depth--;
        return result;
    }

    private string? Operator()
    {
        foreach (var op in EqualityOperators.Concat(OrderOperators))
        {
            if (string.CompareOrdinal(text, pos, op, 0, op.Length) == 0)
            {
                pos += op.Length;
                return op;
            }
        }
        foreach (var op in WordOperators)
        {
            if (Keyword(op)) return op;
        }
        return null;
    }

    // objectPath: objectType ':' firstPathComponent objectPathComponent?
    private ObjectPath Path()
    {
        SkipSpace();
        var start = pos;
        // objectType: an identifier with or without hyphens, starting with a letter (x- custom types included).
        if (pos >= text.Length || !(char.IsAsciiLetter(text[pos]) || text[pos] == '_'))
        {
            throw Expected("an object path such as ipv4-addr:value");
        }
        while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '-')) pos++;
        var objectType = text[start..pos];
        if (objectType.EndsWith('-'))
        {
            pos = start;
            throw Expected("an object type that does not end with a hyphen");
        }
        if (!Char(':')) throw Expected($"':' after the object type {objectType}");
        var steps = new List<PathStep> { new(PathProperty(), null, false) };
        while (pos < text.Length)
        {
            if (text[pos] == '.')
            {
                pos++;
                steps.Add(new PathStep(PathProperty(), null, false));
            }
            else if (text[pos] == '[')
            {
                pos++;
                if (Char('*'))
                {
                    steps.Add(new PathStep(null, null, true));
                }
                else
                {
                    var numberAt = pos;
                    if (pos < text.Length && text[pos] == '-') pos++;
                    while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                    if (!int.TryParse(text.AsSpan(numberAt, pos - numberAt), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                    {
                        pos = numberAt;
                        throw Expected("a list index or * inside [ ] of the object path");
                    }
                    steps.Add(new PathStep(null, index, false));
                }
                if (!Char(']')) throw Expected("] closing the list index");
            }
            else
            {
                break;
            }
        }
        return new ObjectPath(objectType, steps);
    }

    private string PathProperty()
    {
        if (pos < text.Length && text[pos] == '\'')
        {
            return QuotedString();
        }
        var start = pos;
        if (pos < text.Length && (char.IsAsciiLetter(text[pos]) || text[pos] == '_'))
        {
            while (pos < text.Length && (char.IsAsciiLetterOrDigit(text[pos]) || text[pos] is '_' or '-')) pos++;
        }
        if (pos == start) throw Expected("a property name of the object path");
        return text[start..pos];
    }

    private PatternLiteral PrimitiveLiteral()
    {
        if (Peek("true") || Peek("false"))
        {
            var value = Peek("true");
            pos += value ? 4 : 5;
            return new PatternLiteral("boolean", value);
        }
        return OrderableLiteral();
    }

    private PatternLiteral OrderableLiteral()
    {
        if (pos >= text.Length) throw Expected("a literal");
        var c = text[pos];
        if (c == '\'') return new PatternLiteral("string", QuotedString());
        if (c is 't' or 'h' or 'b' && pos + 1 < text.Length && text[pos + 1] == '\'')
        {
            var at = pos;
            pos++;
            var body = QuotedString();
            switch (c)
            {
                case 't':
                    pos = at + 1;
                    return new PatternLiteral("timestamp", TimestampLiteralBody());
                case 'h':
                    if (body.Length % 2 != 0 || !body.All(char.IsAsciiHexDigit))
                    {
                        pos = at;
                        throw Expected("a hex literal h'…' of an even number of hexadecimal digits");
                    }
                    return new PatternLiteral("hex", Convert.FromHexString(body));
                default:
                    try
                    {
                        if (body.Length % 4 != 0) throw new FormatException();
                        return new PatternLiteral("binary", Convert.FromBase64String(body));
                    }
                    catch (FormatException)
                    {
                        pos = at;
                        throw Expected("a binary literal b'…' in base64");
                    }
            }
        }
        if (c == '-' || c == '+' || char.IsAsciiDigit(c))
        {
            var start = pos;
            if (c is '-' or '+') pos++;
            var digits = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
            var isFloat = false;
            if (pos < text.Length && text[pos] == '.')
            {
                isFloat = true;
                pos++;
                var fraction = pos;
                while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
                if (pos == fraction) { pos = start; throw Expected("a number with digits after the decimal point"); }
            }
            if (pos == digits || (pos < text.Length && IsWordChar(text[pos])))
            {
                pos = start;
                throw Expected("a number");
            }
            var number = text[start..pos];
            return isFloat
                ? new PatternLiteral("float", double.Parse(number, CultureInfo.InvariantCulture))
                : long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? new PatternLiteral("integer", l)
                    : throw new PatternException($"at offset {start}: the integer {Clip(number)} is out of range");
        }
        throw Expected("a literal: 'string', a number, true/false, t'timestamp', h'hex' or b'base64'");
    }

    private PatternLiteral SetLiteral()
    {
        if (!Char('(')) throw Expected("( opening the set of values after IN");
        var items = new List<PatternLiteral>();
        SkipSpace();
        if (Char(')')) return new PatternLiteral("set", items);
        while (true)
        {
            SkipSpace();
            items.Add(PrimitiveLiteral());
            SkipSpace();
            if (Char(')')) return new PatternLiteral("set", items);
            if (!Char(',')) throw Expected(", or ) in the set of values");
        }
    }

    private PatternLiteral StringOnly(string op)
    {
        if (pos >= text.Length || text[pos] != '\'') throw Expected($"a string literal after {op}");
        return new PatternLiteral("string", QuotedString());
    }

    private DateTimeOffset TimestampLiteral()
    {
        if (!(pos + 1 < text.Length && text[pos] == 't' && text[pos + 1] == '\''))
        {
            throw Expected("a timestamp literal t'YYYY-MM-DDTHH:MM:SS[.s+]Z'");
        }
        pos++;
        return TimestampLiteralBody();
    }

    private DateTimeOffset TimestampLiteralBody()
    {
        var at = pos;
        var body = QuotedString();
        if (StixTime.Parse(body, out _) is { } t) return t;
        pos = at;
        throw Expected("a timestamp t'YYYY-MM-DDTHH:MM:SS[.s+]Z' in UTC (RFC 3339 with Z)");
    }

    // StringLiteral: QUOTE ( ~['\\] | '\\\'' | '\\\\' )* QUOTE — the only escapes are \' and \\.
    private string QuotedString()
    {
        var start = pos;
        if (!Char('\'')) throw Expected("a quoted string");
        var sb = new StringBuilder();
        while (pos < text.Length)
        {
            var c = text[pos++];
            if (c == '\'') return sb.ToString();
            if (c == '\\')
            {
                if (pos < text.Length && text[pos] is '\'' or '\\')
                {
                    sb.Append(text[pos++]);
                    continue;
                }
                pos--;
                throw new PatternException($"at offset {pos}: expected \\' or \\\\ (the only escapes of a string literal), found '{Clip(text[pos..])}'");
            }
            sb.Append(c);
        }
        pos = start;
        throw new PatternException($"at offset {start}: the string literal is not closed by a quote");
    }

    private void SkipSpace()
    {
        while (pos < text.Length && text[pos] is ' ' or '\t' or '\r' or '\n' or '\f') pos++;
    }

    private bool Char(char c)
    {
        SkipSpace();
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }
        return false;
    }

    private bool Peek(string word) =>
        string.CompareOrdinal(text, pos, word, 0, word.Length) == 0 && (pos + word.Length >= text.Length || !IsWordChar(text[pos + word.Length]));

    private bool Keyword(string word)
    {
        var before = pos;
        SkipSpace();
        if (Peek(word))
        {
            pos += word.Length;
            return true;
        }
        pos = before;
        return false;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
