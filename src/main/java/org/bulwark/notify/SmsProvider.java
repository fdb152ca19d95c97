package org.bulwark.notify;

/**
 * Sends one text message to a phone number. A deployment contracts an SMS gateway (Aliyun, Tencent
 * Cloud, a carrier) and provides a bean of this type; without one, {@link LoggingSmsProvider}
 * only writes the message to the log. SMS stays off per school until enabled on the settings page.
 */
public interface SmsProvider {

	/** @throws Exception when the gateway refuses or cannot be reached; the reason is recorded */
	void send(String phone, String text) throws Exception;

	/** A short name for the delivery record, e.g. "aliyun". */
	String name();
}
