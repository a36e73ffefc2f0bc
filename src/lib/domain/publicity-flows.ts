/**
 * The enforcement flowcharts the public pages draw (执法流程图, 事前公开): each procedure as ordered steps with the
 * time limit and the legal basis the law sets. Data, so that the diagram and its text alternative never disagree.
 */

export interface FlowStep {
	name: string;
	/** What happens at this step, in one sentence. */
	text: string;
	/** The time limit, in words, when the law sets one. */
	limit?: string;
	basis?: string;
	/** Only some cases pass this step (e.g. a hearing when the party asks for one). */
	when?: string;
}

export interface Flow {
	id: string;
	title: string;
	/** Which enforcement acts follow this procedure. */
	scope: string;
	steps: readonly FlowStep[];
}

export const FLOWS: readonly Flow[] = [
	{
		id: 'penalty',
		title: '行政处罚（普通程序）',
		scope: '单位不办理住房公积金缴存登记、不为职工办理账户设立手续等违法行为的处罚',
		steps: [
			{ name: '立案', text: '发现涉嫌违法行为，经负责人批准立案。', basis: '《行政处罚法》第五十四条' },
			{ name: '调查取证', text: '两名以上持证执法人员调查，出示执法证件，全过程记录。', basis: '《行政处罚法》第四十二条、第五十五条' },
			{ name: '责令限期改正', text: '责令单位在限期内办理缴存登记或账户设立手续。', basis: '《住房公积金管理条例》第三十七条' },
			{
				name: '事先告知',
				text: '告知拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利。',
				basis: '《行政处罚法》第四十四条'
			},
			{
				name: '陈述申辩、听证',
				text: '当事人可以陈述、申辩；较大数额罚款等可以要求听证。',
				limit: '告知后五日内提出听证要求',
				basis: '《行政处罚法》第六十三条、第六十四条',
				when: '当事人提出时'
			},
			{
				name: '法制审核',
				text: '重大执法决定在作出前须经法制审核，未经审核或审核未通过的不得作出决定。',
				basis: '《行政处罚法》第五十八条',
				when: '重大执法决定'
			},
			{
				name: '作出决定',
				text: '负责人审查后作出处罚、不予处罚等决定，制作决定书。',
				limit: '立案之日起九十日内',
				basis: '《行政处罚法》第五十七条、第六十条'
			},
			{ name: '送达', text: '宣告后当场交付，或在七日内送达当事人。', limit: '决定后七日内', basis: '《行政处罚法》第六十一条' },
			{
				name: '公示',
				text: '在本机关网站公示处罚决定信息；复议、诉讼撤销、变更或确认违法的，撤回公示并说明理由。',
				limit: '决定后七个工作日内公示；撤回在三日内',
				basis: '《行政处罚法》第四十八条、国办发〔2018〕118号'
			},
			{
				name: '执行',
				text: '当事人缴纳罚款；逾期不缴的，每日按罚款数额的百分之三加处罚款。',
				limit: '收到决定书之日起十五日内缴纳',
				basis: '《行政处罚法》第六十七条、第七十二条'
			},
			{ name: '结案归档', text: '执行完毕后结案，案卷归档。' }
		]
	},
	{
		id: 'simple',
		title: '行政处罚（简易程序）',
		scope: '违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款或者警告',
		steps: [
			{ name: '出示证件', text: '执法人员出示执法证件，表明身份。', basis: '《行政处罚法》第五十二条' },
			{ name: '告知', text: '当场告知违法事实、处罚理由和依据，听取陈述、申辩。' },
			{ name: '当场决定', text: '填写预定格式、编有号码的决定书，当场交付当事人。', basis: '《行政处罚法》第五十一条、第五十二条' },
			{ name: '备案', text: '决定书报所属行政机关备案。' }
		]
	},
	{
		id: 'enforcement',
		title: '申请人民法院强制执行（逾期不缴或少缴）',
		scope: '单位逾期不缴或者少缴住房公积金',
		steps: [
			{ name: '责令限期缴存', text: '责令单位在限期内缴存。', basis: '《住房公积金管理条例》第三十八条' },
			{ name: '催告', text: '逾期仍不缴存的，书面催告单位履行义务。', limit: '催告书送达十日后', basis: '《行政强制法》第五十四条' },
			{ name: '法制审核', text: '申请强制执行属于重大执法决定，申请前须经法制审核。', when: '重大执法决定' },
			{ name: '申请强制执行', text: '向人民法院申请强制执行。', limit: '期限届满之日起三个月内', basis: '《行政强制法》第五十三条' },
			{ name: '法院裁定与执行', text: '人民法院审查并作出是否准予执行的裁定。', basis: '《行政强制法》第五十七条、第五十八条' }
		]
	},
	{
		id: 'inspection',
		title: '行政检查（双随机、一公开）',
		scope: '住房公积金缴存情况的监督检查',
		steps: [
			{ name: '随机抽取', text: '从检查对象名录库中随机抽取检查对象，随机选派执法检查人员。' },
			{ name: '实施检查', text: '两名以上执法人员出示证件，查阅缴存资料，制作检查记录。', basis: '《住房公积金管理条例》第三十六条' },
			{ name: '处理', text: '发现违法行为的依法立案处理；未发现问题的检查结束。' },
			{ name: '结果公开', text: '检查结果按规定向社会公开。', limit: '检查完成后二十个工作日内' }
		]
	}
];
