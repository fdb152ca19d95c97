/** Reading uploaded spreadsheets (csv with encoding detection, xlsx), offered to other modules' imports. */
@org.springframework.modulith.NamedInterface("imports")
package org.bulwark.directory.imports;
