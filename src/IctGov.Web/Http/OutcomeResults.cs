using IctGov.Kernel.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.Web.Http;

/// <summary>
/// The platform's one HTTP error shape: RFC 9457 problem details. A refused command becomes
/// <c>{"type","title","status","detail","errors":[{"row","field","message","rule"?,"value"?}]}</c>,
/// the status taken from <see cref="OutcomeStatus"/>; request fields that fail validation use ASP.NET's
/// <c>ValidationProblem</c> (the same document with <c>errors</c> keyed by field).
/// </summary>
public static class OutcomeResults
{
    private static string TitleOf(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Invalid => "The input was refused",
        OutcomeStatus.Unauthenticated => "Sign in or send an API token",
        OutcomeStatus.Forbidden => "Not allowed for this account",
        OutcomeStatus.NotFound => "Not found",
        OutcomeStatus.Conflict => "Conflict",
        OutcomeStatus.TooLarge => "Too large",
        OutcomeStatus.Unprocessable => "The input breaks a rule",
        _ => "Error",
    };

    /// <summary>A problem-details result for a refusal.</summary>
    public static ProblemHttpResult Problem(OutcomeStatus status, string detail, IReadOnlyList<RowError>? errors = null, IDictionary<string, object?>? extensions = null)
    {
        // Type is left to ASP.NET, which fills in the RFC 9110 section for the status.
        var problem = new ProblemDetails { Status = (int)status, Title = TitleOf(status), Detail = detail };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions) problem.Extensions[key] = value;
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>200 with the value, or the refusal as problem details.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToHttpResult<T>(this Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.ToProblem();

    /// <summary>The refusal as problem details (the outcome must be a refusal).</summary>
    public static ProblemHttpResult ToProblem<T>(this Outcome<T> outcome) => outcome.Succeeded
        ? throw new InvalidOperationException("a successful outcome is not a problem")
        : Problem(outcome.Status, outcome.Problem!, outcome.Errors);
}
