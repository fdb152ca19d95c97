/**
 * Security, users, roles and permissions, data scopes, audit, API tokens, i18n, the page layout
 * and errors: what every other module stands on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "System", allowedDependencies = "shared")
package org.bulwark.system;
