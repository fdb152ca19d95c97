/**
 * The demo campus: a deterministic generator of a realistic school at any size, seeded on first
 * start in the demo profile, with demo accounts for every role; also what the benchmarks load.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo campus",
		allowedDependencies = {"shared", "system", "directory"})
package org.bulwark.demo;
