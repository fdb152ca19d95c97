/**
 * Daily health checks: disease profiles, check policies and their slots, self check-ins and the
 * state of each person's checks for a day, who has not reported and their reminders. Finds people through the directory's public API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Health", allowedDependencies = {"shared", "system", "directory", "notify"})
package org.bulwark.health;
