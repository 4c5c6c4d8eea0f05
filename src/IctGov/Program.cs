using System.CommandLine;
using IctGov.Cli;

// ictgov: the one executable. `serve` runs the web platform; the other commands work on the same
// data directory without a server, for scripts and scheduled jobs.
var root = new RootCommand("IctGov — 信息通信行业管理平台 / ICT industry management platform");
root.Options.Add(CommonOptions.Data);
root.Options.Add(CommonOptions.Db);
root.Options.Add(CommonOptions.Connection);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(NetqCommand.Create());
root.Subcommands.Add(IdentifiersCommand.Create());
root.Subcommands.Add(AppLogCommand.Create());
root.Subcommands.Add(LicenceCommand.Create());
root.Subcommands.Add(InspectionCommand.Create());
root.Subcommands.Add(ComplaintsCommand.Create());
return await root.Parse(args).InvokeAsync();
