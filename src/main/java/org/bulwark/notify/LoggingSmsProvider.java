package org.bulwark.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS "provider" used when no real gateway is configured: it sends nothing and writes the
 * message to the log, so a school trying SMS sees what would go out. Deliveries through it are
 * recorded as failed ("no SMS gateway") rather than sent, so nobody mistakes a log line for a text.
 */
class LoggingSmsProvider implements SmsProvider {

	private static final Logger log = LoggerFactory.getLogger(LoggingSmsProvider.class);

	@Override
	public void send(String phone, String text) throws Exception {
		log.info("SMS not sent (logging provider, no gateway configured) to {}: {}",
				org.bulwark.shared.Masks.phone(phone), text);
		throw new IllegalStateException("no SMS gateway configured (logging provider)");
	}

	@Override
	public String name() {
		return "logging";
	}
}
