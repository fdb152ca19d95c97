package org.bulwark.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class NotifyConfig {

	/** Replaced by a deployment's own {@link SmsProvider} bean when it has an SMS gateway. */
	@Bean
	@ConditionalOnMissingBean(SmsProvider.class)
	SmsProvider loggingSmsProvider() {
		return new LoggingSmsProvider();
	}
}
