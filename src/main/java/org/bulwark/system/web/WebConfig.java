package org.bulwark.system.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.bulwark.system.NavigationItem;
import org.bulwark.system.PageModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * zh-CN unless the user switches (?lang=en); the choice is kept in a cookie for a year. Every
 * rendered page gets the layout's model ({@link LayoutModel}).
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

	static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

	private final List<NavigationItem> navigation;
	private final List<PageModel> pageModels;

	WebConfig(List<NavigationItem> navigation, List<PageModel> pageModels) {
		this.navigation = navigation;
		this.pageModels = pageModels;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("bulwark-lang");
		resolver.setDefaultLocale(DEFAULT_LOCALE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
		registry.addInterceptor(new LayoutModel(navigation, pageModels)).excludePathPatterns("/api/**");
	}
}
