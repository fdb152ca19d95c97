/**
 * Notifications: the channels (in-app inbox, email over SMTP, SMS, WeCom/DingTalk robots), the
 * delivery of what other modules send through them, and each person's inbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify", allowedDependencies = {"shared", "system", "directory"})
package org.bulwark.notify;
