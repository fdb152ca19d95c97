package org.bulwark.demo;

import java.util.List;

/** The demo accounts: who they are and what they see. All share the demo password. */
public final class DemoAccounts {

	public record Account(String username, String role, String sees) {
	}

	public static final List<Account> ALL = List.of(
			new Account("admin", "SYSTEM_ADMIN", "everything"),
			new Account("office", "PREVENTION_OFFICE", "the whole school"),
			new Account("unitadmin", "UNIT_ADMIN", "the first college"),
			new Account("counselor", "COUNSELOR", "the two classes the counselor answers for"),
			new Account("grid", "COUNSELOR", "the off-campus residential building's grid"),
			new Account("doctor", "CLINIC_DOCTOR", "the whole school"),
			new Account("logistics", "LOGISTICS", "the whole school"),
			new Account("guard", "SECURITY_GUARD", "the whole school"),
			new Account("leader", "LEADER", "the whole school, read-only"),
			new Account("student", "PERSON", "their own record"));

	private DemoAccounts() {
	}
}
