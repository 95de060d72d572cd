package dev.blueshift.dist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One running Blueshift per data directory: an exclusive lock on {@code DIR/.lock} held for the
 * life of the process (the operating system releases it when the process ends, even on kill -9).
 * A second cluster on the same directory would write over the first one's catalog and segments.
 */
final class DataDirLock {
  private static final String FILE = ".lock";
  /** Locks are held until the JVM exits. */
  private static final List<FileChannel> HELD = new ArrayList<>();

  private DataDirLock() {}

  /**
   * Locks {@code dir} (creating it) for this process.
   *
   * @throws StartupFailure naming the directory, the other process and the flag to change, when
   *     another running Blueshift holds it
   */
  static synchronized void acquire(Path dir, String flag) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String owner = Files.readString(file, StandardCharsets.UTF_8).strip();
      channel.close();
      throw new StartupFailure("data directory " + dir + " is in use by another running Blueshift"
          + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it, or choose another directory with " + flag);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(false);
    HELD.add(channel);
  }
}
