package org.bulwark.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageResultUnitTest {

	@Test
	void aShortFirstPageIsTheWholeListAndIsNotCounted() {
		PageResult<String> page = PageResult.counted(List.of("a", "b"), 0, 20, cap -> {
			throw new AssertionError("counted");
		});
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.totalCapped()).isFalse();
	}

	@Test
	void aFullPageIsCountedUpToTheCap() {
		assertThat(PageResult.counted(List.of("a", "b"), 0, 2, cap -> 7).total()).isEqualTo(7);
		PageResult<String> many = PageResult.counted(List.of("a", "b"), 3, 2, cap -> cap);
		assertThat(many.total()).isEqualTo(PageResult.COUNT_CAP);
		assertThat(many.totalCapped()).isTrue();
		assertThat(many.hasNext()).isTrue();
	}
}
