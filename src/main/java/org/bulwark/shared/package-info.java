/**
 * Value types every module uses: identity numbers, phone numbers, masking, paging. No services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared value types", allowedDependencies = {})
package org.bulwark.shared;
