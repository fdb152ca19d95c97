package org.bulwark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Bulwark", sharedModules = "shared")
public class BulwarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BulwarkApplication.class, args);
	}
}
