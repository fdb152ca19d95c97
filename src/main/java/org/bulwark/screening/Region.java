package org.bulwark.screening;

/**
 * A region of China.
 *
 * @param level 1 province, 2 city, 3 county, 4 township
 * @param fullName the names from the province down (北京市东城区)
 */
public record Region(String code, String name, int level, String parentCode, String fullName) {
}
