namespace IctGov.Kernel.Results;

/// <summary>
/// Why a command was not carried out. Each maps to one HTTP status (the platform kit turns an
/// <see cref="Outcome{T}"/> into RFC 9457 problem details), one command-line exit code and one
/// sentence in a page; a module never invents its own status numbers.
/// </summary>
public enum OutcomeStatus
{
    /// <summary>Carried out.</summary>
    Ok = 0,
    /// <summary>The input is wrong (HTTP 400): see the message and the row errors.</summary>
    Invalid = 400,
    /// <summary>Nobody is signed in and the command needs someone (HTTP 401).</summary>
    Unauthenticated = 401,
    /// <summary>The actor is known but may not do this (HTTP 403).</summary>
    Forbidden = 403,
    /// <summary>The thing named does not exist (HTTP 404).</summary>
    NotFound = 404,
    /// <summary>The thing exists in a state that does not allow this (HTTP 409).</summary>
    Conflict = 409,
    /// <summary>The input is larger than the platform accepts in one request (HTTP 413).</summary>
    TooLarge = 413,
    /// <summary>The input is well formed but breaks a business rule (HTTP 422).</summary>
    Unprocessable = 422,
}

/// <summary>
/// The result of a command: a value, or the reason it was refused with the rows that caused it.
/// A refused command wrote nothing (a bad batch writes nothing), so a caller can correct and resend.
/// </summary>
public sealed record Outcome<T>
{
    internal Outcome(OutcomeStatus status, T? value, string? problem, IReadOnlyList<RowError> errors)
    {
        Status = status;
        Value = value;
        Problem = problem;
        Errors = errors;
    }

    /// <summary>Ok, or why not.</summary>
    public OutcomeStatus Status { get; }

    /// <summary>The command's result when <see cref="Succeeded"/>.</summary>
    public T? Value { get; }

    /// <summary>One sentence saying why the command was refused.</summary>
    public string? Problem { get; }

    /// <summary>The rows and fields that caused a refusal (empty when there is no row to name).</summary>
    public IReadOnlyList<RowError> Errors { get; }

    /// <summary>True when the command was carried out.</summary>
    public bool Succeeded => Status == OutcomeStatus.Ok;

    /// <summary>
    /// The refusal as lines for a terminal or a page: each row error, or the one sentence when no row is to
    /// blame (an Invalid outcome's sentence only summarises its rows, so it is not repeated).
    /// </summary>
    public IEnumerable<string> Describe() => Succeeded ? [] : Errors.Count > 0 ? Errors.Select(e => e.ToString()) : [Problem!];

    /// <summary>The same refusal carrying another value type.</summary>
    public Outcome<TOther> Cast<TOther>() => Succeeded
        ? throw new InvalidOperationException("only a refusal can change its value type")
        : Outcome.Refused<TOther>(Status, Problem!, Errors);
}

/// <summary>Makes <see cref="Outcome{T}"/> values.</summary>
public static class Outcome
{
    /// <summary>The command was carried out.</summary>
    public static Outcome<T> Ok<T>(T value) => new(OutcomeStatus.Ok, value, null, []);

    /// <summary>A command with nothing to return was carried out.</summary>
    public static Outcome<Done> Ok() => new(OutcomeStatus.Ok, default, null, []);

    /// <summary>The command was refused for <paramref name="problem"/>.</summary>
    public static Outcome<T> Refused<T>(OutcomeStatus status, string problem, IReadOnlyList<RowError>? errors = null)
    {
        if (status == OutcomeStatus.Ok) throw new ArgumentException("a refusal needs a status other than Ok", nameof(status));
        return new(status, default, problem, errors ?? []);
    }

    /// <summary>Refused with <paramref name="status"/> for the rows and fields in <paramref name="errors"/> (a rule broken, not a malformed input).</summary>
    public static Outcome<T> Refused<T>(OutcomeStatus status, IReadOnlyList<RowError> errors) => Refused<T>(status, Summarise(errors), errors);

    /// <summary>The input was refused; <paramref name="errors"/> names every bad row and field.</summary>
    public static Outcome<T> Invalid<T>(IReadOnlyList<RowError> errors, string? problem = null) =>
        Refused<T>(OutcomeStatus.Invalid, problem ?? Summarise(errors), errors);

    private static string Summarise(IReadOnlyList<RowError> errors) => errors.Count switch
    {
        0 => "the input was refused",
        1 => errors[0].ToString(),
        _ => $"{errors.Count} problems; the first: {errors[0]}",
    };
}

/// <summary>The value of a command that returns nothing but that it was carried out (a delete, a settings change).</summary>
public readonly record struct Done;
