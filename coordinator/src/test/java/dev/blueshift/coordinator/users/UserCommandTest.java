package dev.blueshift.coordinator.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueshift.error.BlueshiftException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCommandTest {

  @Test
  void recognizesRedshiftUserStatements() {
    assertThat(UserCommand.parse("CREATE USER Alice PASSWORD 'It''s9Long';"))
        .isEqualTo(new UserCommand.Create("alice", "It's9Long"));
    assertThat(UserCommand.parse("create user \"Mixed Case\" with password 'Abcdefg1'"))
        .isEqualTo(new UserCommand.Create("Mixed Case", "Abcdefg1"));
    assertThat(UserCommand.parse("ALTER USER bob PASSWORD 'Xyzxyz12'"))
        .isEqualTo(new UserCommand.SetPassword("bob", "Xyzxyz12"));
    assertThat(UserCommand.parse("alter user bob rename to robert"))
        .isEqualTo(new UserCommand.Rename("bob", "robert"));
    assertThat(UserCommand.parse("DROP USER IF EXISTS a, b"))
        .isEqualTo(new UserCommand.Drop(List.of("a", "b"), true));
  }

  @Test
  void otherStatementsAreNotUserCommands() {
    assertThat(UserCommand.parse("CREATE TABLE user_t (k INT)")).isNull();
    assertThat(UserCommand.parse("select user")).isNull();
    assertThat(UserCommand.parse("drop table users")).isNull();
    assertThat(UserCommand.parse("INSERT INTO t VALUES ('x''")).isNull();
  }

  @Test
  void malformedOrUnsupportedUserStatementsAreRefused() {
    assertThatThrownBy(() -> UserCommand.parse("CREATE USER alice PASSWORD secret"))
        .isInstanceOf(BlueshiftException.class).hasMessageContaining("PASSWORD needs a quoted string");
    assertThatThrownBy(() -> UserCommand.parse("CREATE USER alice PASSWORD 'Abcdefg1' CREATEDB"))
        .isInstanceOf(BlueshiftException.class).hasMessage("user option CREATEDB is not supported")
        .satisfies(e -> assertThat(((BlueshiftException) e).sqlState()).isEqualTo("0A000"));
    assertThatThrownBy(() -> UserCommand.parse("DROP USER"))
        .isInstanceOf(BlueshiftException.class).hasMessageContaining("DROP USER needs a user name");
  }

  @Test
  void storeKeepsSaltedHashesOnly(@TempDir Path dir) throws Exception {
    UserStore store = UserStore.open(dir, "Admin1234");
    store.create("alice", "Alice1234");
    assertThat(store.authenticate("alice", "Alice1234")).isTrue();
    assertThat(store.authenticate("alice", "alice1234")).isFalse();
    assertThat(store.authenticate("nobody", "Alice1234")).isFalse();
    String file = Files.readString(dir.resolve("users"));
    assertThat(file).doesNotContain("Alice1234").doesNotContain("Admin1234");
    // the same password twice gets two salts
    store.create("bob", "Alice1234");
    String[] lines = Files.readString(dir.resolve("users")).split("\n");
    assertThat(lines[1].substring(lines[1].indexOf(':'))).isNotEqualTo(lines[2].substring(lines[2].indexOf(':')));

    UserStore reopened = UserStore.open(dir, null);
    assertThat(reopened.users()).containsExactly("admin", "alice", "bob");
    assertThat(reopened.authenticate("admin", "Admin1234")).isTrue();
    reopened.rename("bob", "robert");
    assertThat(reopened.authenticate("robert", "Alice1234")).isTrue();
    assertThat(reopened.drop("nobody", true)).isFalse();
    assertThatThrownBy(() -> reopened.drop("nobody", false)).hasMessage("user \"nobody\" does not exist");
  }
}
