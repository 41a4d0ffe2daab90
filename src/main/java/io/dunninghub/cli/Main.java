package io.dunninghub.cli;

import io.dunninghub.common.ConfigException;
import io.dunninghub.daemon.DriverFolder;
import io.dunninghub.cli.AuditCommand;
import io.dunninghub.cli.CancelCommand;
import io.dunninghub.cli.HoldCommand;
import io.dunninghub.cli.OptOutCommand;
import io.dunninghub.cli.PreviewCommand;
import io.dunninghub.cli.PromiseCommand;
import io.dunninghub.cli.ReplayCommand;
import io.dunninghub.cli.StatusCommand;
import io.dunninghub.cli.RunCommand;
import io.dunninghub.cli.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command line of dunning-hub: run (default), preview, validate, the ledger and the contact policy commands. */
// scope INHERIT: every command and subcommand takes --help (-h) and --version (-V) too
@Command(name = "dunning-hub", mixinStandardHelpOptions = true, version = "dunning-hub 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Turns overdue installments into lawful reminders and delivers them.",
        subcommands = {RunCommand.class, PreviewCommand.class, SimulateCommand.class, ValidateCommand.class, StatusCommand.class,
                ReplayCommand.class, CancelCommand.class, AuditCommand.class, HoldCommand.class,
                PromiseCommand.class, OptOutCommand.class, OutcomeCommand.class, EvidenceCommand.class,
                EraseCommand.class, LedgerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        if (args.length == 0 || !isHelpOrVersion(args[0])) {
            DriverFolder.loadDefault(); // JDBC drivers from lib/ (Oracle, DB2 …), before any command connects
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            ConfigException config = configCause(e);
            if (config != null) {
                cmd.getErr().println("config error: " + config.getMessage());
                return ExitCodes.CONFIG;
            }
            if (e instanceof UsageError usage) {
                cmd.getErr().println("error: " + usage.getMessage() + seeHelp(cmd));
                return ExitCodes.USAGE;
            }
            if (e instanceof CommandRefused refused) {
                cmd.getErr().println("error: " + refused.getMessage());
                return ExitCodes.ERROR;
            }
            cmd.getErr().println("error: " + e.getMessage());
            e.printStackTrace(cmd.getErr());
            return ExitCodes.ERROR;
        });
        // one line a person can act on instead of picocli's message followed by the whole usage text
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + seeHelp(e.getCommandLine()));
            return ExitCodes.USAGE;
        });
        OptionValues.register(cli);
        if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            args = withRun;
        }
        return cli.execute(args);
    }

    private static String seeHelp(CommandLine cmd) {
        return " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')";
    }

    private static boolean isHelpOrVersion(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }

    static ConfigException configCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
