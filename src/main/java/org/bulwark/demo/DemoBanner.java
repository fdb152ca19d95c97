package org.bulwark.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the demo where to open it and how to sign in. */
@Component
@ConditionalOnProperty(name = "bulwark.demo.enabled", havingValue = "true")
class DemoBanner {

	private static final Logger log = LoggerFactory.getLogger(DemoBanner.class);

	private final Environment environment;
	private final String password;

	DemoBanner(Environment environment, @Value("${bulwark.demo.password}") String password) {
		this.environment = environment;
		this.password = password;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		StringBuilder banner = new StringBuilder("\n")
			.append("==============================================================\n")
			.append(" Bulwark is running at http://localhost:").append(port).append('\n')
			.append(" Demo accounts (password: ").append(password).append("):\n");
		for (DemoAccounts.Account a : DemoAccounts.ALL) {
			banner.append(String.format("   %-10s %-18s sees %s%n", a.username(), a.role(), a.sees()));
		}
		banner.append("==============================================================\n");
		System.out.println(banner);
		log.info("Demo ready at http://localhost:{}", port);
	}
}
