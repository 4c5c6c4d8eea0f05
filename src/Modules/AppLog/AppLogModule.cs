using IctGov.Web.Modules;

namespace IctGov.AppLog;

/// <summary>
/// The APP signature transparency log (专栏16.3 构建统一的APP认证签名体系): signed statements about app
/// artifacts (developer signatures, test results, store listings, takedowns, revocations) appended to
/// an RFC 6962/9162 Merkle tree whose signed checkpoints anyone can verify, so that no signature can
/// be issued in secret or rewritten later.
/// </summary>
public sealed class AppLogModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "AppLog";
}
