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
@Command(name = "dunning-hub", mixinStandardHelpOptions = true, version = "dunning-hub 0.1.0",
        description = "Turns overdue installments into lawful reminders and delivers them.",
        subcommands = {RunCommand.class, PreviewCommand.class, ValidateCommand.class, StatusCommand.class,
                ReplayCommand.class, CancelCommand.class, AuditCommand.class, HoldCommand.class,
                PromiseCommand.class, OptOutCommand.class})
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
            cmd.getErr().println("error: " + e.getMessage());
            e.printStackTrace(cmd.getErr());
            return ExitCodes.ERROR;
        });
        if (args.length == 0 || args[0].startsWith("-") && !isHelpOrVersion(args[0])) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            args = withRun;
        }
        return cli.execute(args);
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
