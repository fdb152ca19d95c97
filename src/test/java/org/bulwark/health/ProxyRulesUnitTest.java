package org.bulwark.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bulwark.directory.FieldProblem;
import org.junit.jupiter.api.Test;

class ProxyRulesUnitTest {

	@Test
	void aHouseholdHeadReportsForTheHouseholdAndANamedProxyOnlyForWhomTheyWereNamedFor() {
		Set<Long> household = Set.of(2L, 3L);
		Set<Long> named = Set.of(9L);
		assertThat(ProxyRules.mayReportFor(1, 2, household, named)).isTrue();
		assertThat(ProxyRules.mayReportFor(1, 3, household, named)).isTrue();
		assertThat(ProxyRules.mayReportFor(1, 9, household, named)).isTrue();
		assertThat(ProxyRules.mayReportFor(1, 4, household, named)).isFalse();
		assertThat(ProxyRules.mayReportFor(1, 4, Set.of(), Set.of())).isFalse();
	}

	@Test
	void nobodyIsTheirOwnDependant() {
		assertThat(ProxyRules.mayReportFor(1, 1, Set.of(1L), Set.of(1L))).isFalse();
	}

	@Test
	void aBatchNeedsPeopleEachOnceAndNotTooMany() {
		assertThat(codes(ProxyRules.batchProblems(List.of(), null))).containsExactly("proxy.items.empty");
		assertThat(codes(ProxyRules.batchProblems(List.of(1L, 2L, 1L), null))).containsExactly("proxy.items.twice");
		assertThat(ProxyRules.batchProblems(List.of(1L, 2L, 1L), null).get(0).args()).containsExactly(1L);
		assertThat(codes(ProxyRules.batchProblems(Arrays.asList(1L, null), null)))
			.containsExactly("proxy.items.personRequired");
		List<Long> many = new ArrayList<>();
		for (long i = 0; i <= ProxyRules.MAX_BATCH; i++) {
			many.add(i);
		}
		assertThat(codes(ProxyRules.batchProblems(many, null))).containsExactly("proxy.items.tooMany");
		assertThat(codes(ProxyRules.batchProblems(many.subList(0, ProxyRules.MAX_BATCH), null))).isEmpty();
		assertThat(codes(ProxyRules.batchProblems(List.of(1L), "x".repeat(65)))).containsExactly("health.requestId.tooLong");
		assertThat(ProxyRules.batchProblems(List.of(1L, 2L), "x".repeat(64))).isEmpty();
	}

	@Test
	void namesAreMaskedForPagesWithoutSignIn() {
		assertThat(CheckInForms.maskedName("张三")).isEqualTo("张*");
		assertThat(CheckInForms.maskedName("欧阳锋")).isEqualTo("欧*锋");
		assertThat(CheckInForms.maskedName("司马相如")).isEqualTo("司**如");
		assertThat(CheckInForms.maskedName("李")).isEqualTo("李");
		assertThat(CheckInForms.maskedName("𠀀𠀁𠀂")).isEqualTo("𠀀*𠀂");
		assertThat(CheckInForms.maskedName(null)).isNull();
	}

	private static List<String> codes(List<FieldProblem> problems) {
		return problems.stream().map(FieldProblem::code).toList();
	}
}
