/**
 * The directory: everyone on campus, the org units and places they belong to, where they live and
 * who answers for them. Every other module finds people here.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory", allowedDependencies = {"shared", "system"})
package org.bulwark.directory;
