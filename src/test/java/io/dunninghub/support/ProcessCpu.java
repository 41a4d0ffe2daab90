package io.dunninghub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One process's CPU from {@code /proc/<pid>/stat} (Linux): its command, its parent, the ticks it used itself and
 * the ticks of its exited children it has waited for. The benchmarks add up PostgreSQL's server processes with it.
 *
 * @param ownTicks   utime + stime
 * @param childTicks cutime + cstime
 */
public record ProcessCpu(long pid, String command, long parent, long ownTicks, long childTicks) {

    /** USER_HZ is 100 on Linux. */
    public static final long MILLIS_PER_TICK = 10;

    /** Every process now running; null when {@code /proc} cannot be read (not Linux). */
    public static List<ProcessCpu> all() {
        List<ProcessCpu> all = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                int close = stat.lastIndexOf(')');
                String[] f = stat.substring(close + 2).split(" ");
                // after comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
                all.add(new ProcessCpu(Long.parseLong(p.getFileName().toString()), stat.substring(stat.indexOf('(') + 1, close),
                        Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                        Long.parseLong(f[13]) + Long.parseLong(f[14])));
            }
        } catch (IOException e) {
            return null;
        }
        return all;
    }
}
