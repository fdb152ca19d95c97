package org.bulwark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module rules of docs/architecture.md, checked; and the module documentation, written. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(BulwarkApplication.class);

	@Test
	void modulesExistAsDesigned() {
		assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.contains("system", "directory", "demo");
		assertThat(modules.getSharedModules().stream().map(m -> m.getIdentifier().toString())).contains("shared");
	}

	@Test
	void dependenciesFollowTheRules() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}
}
