/** Users and passwords of a coordinator: salted hashes at rest, CREATE/ALTER/DROP USER. */
package dev.blueshift.coordinator.users;
