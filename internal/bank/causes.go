package bank

// DefaultCauses are the outline's root-cause classes for a bank that does
// not list its own (docs/bank-format.md): thinking (study and education),
// ability (training and practice), and fear of blame (the error-tolerance
// rules), shown only when behaviour B03 is flagged. Each call returns a
// fresh copy.
func DefaultCauses() []Cause {
	return []Cause{
		{
			ID:       "thinking",
			Title:    Text{"zh": "思想层面：理想信念、宗旨意识和党性修养", "en": "Thinking: convictions, sense of purpose and Party character"},
			Explains: []string{"B02", "B04", "B07", "B09", "B10", "D1", "D5", "D6"},
			When:     CauseAlways,
			Prompts: []Text{
				{"zh": "理论学习是否入脑入心：学习是否停留在读原文、完成打卡，学用是否脱节？", "en": "Has study really sunk in, or stopped at reading texts and logging attendance? Does what I learn shape what I do?"},
				{"zh": "宗旨意识是否牢固：群众的急难愁盼是否真正放在心上，干事是为了群众，还是为了考核、为了补贴？", "en": "Is my sense of purpose firm: do residents' urgent needs really weigh on me, and do I work for them or for assessments and subsidies?"},
				{"zh": "党性修养和担当精神：是否满足于不出事、过得去，干劲和标准有没有降下来？", "en": "Party character and drive: am I content with avoiding trouble and getting by; have my drive and standards slipped?"},
			},
			Pointer: Text{"zh": "对应的整改方向：加强理论学习和党性教育。", "en": "What helps: study and Party education."},
		},
		{
			ID:       "ability",
			Title:    Text{"zh": "能力层面：本领不足", "en": "Ability: skills that fall short"},
			Explains: []string{"B01", "B05", "B06", "B08", "D2", "D3", "D4"},
			When:     CauseAlways,
			Prompts: []Text{
				{"zh": "面对新情况、新问题，是否因为本领不够而不敢接、不会干，只好照老办法办？", "en": "Facing new situations, do I hold back or fall back on old ways because I lack the skills?"},
				{"zh": "调查研究和抓落实的方法是否跟得上，是否习惯坐在办公室听汇报、看材料？", "en": "Do my methods of investigation and follow-through keep up, or do I rely on briefings and paperwork from the office?"},
			},
			Pointer: Text{"zh": "对应的整改方向：有针对性的业务培训和实践锻炼。", "en": "What helps: targeted training and practice on the job."},
		},
		{
			ID:       "fear_of_blame",
			Title:    Text{"zh": "担当层面：担心问责", "en": "Responsibility: fear of blame"},
			Explains: []string{"B03"},
			When:     CauseFlagged,
			Prompts: []Text{
				{"zh": "是否因为怕出错、怕担责、怕得罪人，把该自己拍板的事推给上级，对难事绕着走？", "en": "Do fear of mistakes, of blame or of offending people lead me to push my own decisions upward and walk around hard matters?"},
			},
			Pointer: Text{
				"zh": "可对照本地的容错纠错办法和“三个区分开来”的要求：把缺乏经验、先行先试中出现的失误，同明知故犯区分开来；把上级尚无明确限制的探索性试验中的失误，同明令禁止后依然我行我素区分开来；把为推动发展的无意过失，同为谋取私利的行为区分开来。弄清哪些情形可以容错，再看自己的顾虑是否站得住。",
				"en": "Read your locality's error-tolerance (容错纠错) rules and the “three distinctions”: mistakes made for lack of experience while trying something first are distinguished from knowing violations; mistakes in exploratory trials not yet restricted from above from persisting after an express ban; and unintended errors made to move work forward from acts for private gain. Find out which situations are protected, then ask whether your worries hold up.",
			},
		},
	}
}
