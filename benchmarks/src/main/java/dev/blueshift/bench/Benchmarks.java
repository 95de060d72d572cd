package dev.blueshift.bench;

import dev.blueshift.bench.tpch.TpchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code benchmarks} command (run through {@code benchmarks/run}): TPC-H against DuckDB and
 * PostgreSQL, the JDBC fetch scenario and concurrent clients running the TPC-H mix. The JMH micro-benchmarks have their own entry
 * ({@code benchmarks/run jmh}).
 */
@Command(name = "benchmarks", mixinStandardHelpOptions = true, version = "Blueshift benchmarks 0.1.0",
    description = "Measures Blueshift against DuckDB and PostgreSQL on this machine.",
    subcommands = {TpchCommand.class, dev.blueshift.bench.fetch.FetchCommand.class,
        dev.blueshift.bench.concurrency.ConcurrencyCommand.class, dev.blueshift.bench.micro.CompressionReport.class})
public final class Benchmarks implements Runnable {

  public static void main(String[] args) {
    CommandLine command = new CommandLine(new Benchmarks());
    // a failed setup (a port taken, a missing folder) is one line, not a stack trace
    command.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("benchmarks: " + dev.blueshift.bench.measure.QueryRunner.message(e));
      return 1;
    });
    System.exit(command.execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
