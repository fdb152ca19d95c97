package org.bulwark.demo;

import java.util.Random;

/** Realistic Chinese and foreign names, drawn deterministically from a seeded random source. */
final class Names {

	/** The most common surnames, the first ones repeated to weigh them as in the population. */
	private static final String[] SURNAMES = ("王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
			+ "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").split("");
	private static final String[] GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英玉兰萍鹏建华红玲飞浩然宇轩子涵欣怡梓萱"
			+ "诗琪思远博文一鸣佳琪嘉豪晨曦雨桐俊杰志强晓东海燕春梅国庆立新文博雅琴婷婷晓丽建国建军德华振宇天佑若曦瑞泽铭泽沐阳书瑶安琪"
			+ "梦洁慧敏颖翔宏伟丹丹晶晶乐乐思琪奕辰浩宇子轩雨欣").split("");
	private static final String[][] FOREIGN = {
		{"RUS", "ru", "Ivan Petrov", "Anna Smirnova", "Dmitry Volkov", "Olga Ivanova", "Sergei Kuznetsov", "Maria Popova"},
		{"PAK", "ur", "Muhammad Ali", "Ayesha Khan", "Hassan Raza", "Fatima Malik", "Usman Ahmed", "Sana Iqbal"},
		{"KOR", "ko", "Kim Minjun", "Lee Seoyeon", "Park Jihoon", "Choi Yuna", "Jung Hyunwoo", "Kang Jiwoo"},
		{"KAZ", "kk", "Nursultan Abenov", "Aigerim Sadykova", "Arman Tulegenov", "Dana Zhaksylykova", "Yerlan Omarov", "Madina Bekova"},
		{"THA", "th", "Somchai Srisuk", "Ploy Chaiyaporn", "Anan Wongsakul", "Nok Rattanakorn", "Krit Boonmee", "Mali Saetang"},
		{"IDN", "id", "Budi Santoso", "Siti Rahmawati", "Agus Wijaya", "Dewi Lestari", "Rizky Pratama", "Putri Handayani"},
		{"USA", "en", "James Miller", "Emily Johnson", "Michael Brown", "Sarah Davis"},
		{"GBR", "en", "Oliver Smith", "Charlotte Taylor", "Harry Wilson", "Amelia Evans"},
	};

	private Names() {
	}

	static String chinese(Random random) {
		String surname = SURNAMES[random.nextInt(SURNAMES.length)];
		int length = random.nextInt(10) < 7 ? 2 : 1;
		StringBuilder name = new StringBuilder(surname);
		for (int i = 0; i < length; i++) {
			name.append(GIVEN[random.nextInt(GIVEN.length)]);
		}
		return name.toString();
	}

	/** A foreign person from one of the student countries (0–5) or teacher countries (any). */
	static String[] foreign(Random random, boolean teacher) {
		String[] country = FOREIGN[random.nextInt(teacher ? FOREIGN.length : 6)];
		return new String[] {country[2 + random.nextInt(country.length - 2)], country[0], country[1]};
	}
}
