<#include "_lib.ftli">
<#-- 正式逾期通知函（逾期第4天）：标题；借贷关系；逾期金额与还款期限；还款方式（含还款计划）；逾期后果（含征信报送的
     事先告知）；异议；联系方式；落款为出借人名称与日期。信封窗口只显示双方地址（LetterLayout）。 -->
关于${who}借款逾期的通知
通知编号：${notice.reference}

${dear}

${relationship()}
截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">

请您于${date(notice.deadline)}前归还上述逾期款项合计${amount(debt.amountDue)}。

还款方式：
- 一次性还清：在线还款 ${payLink()}，或在“${lender.appName}”App中选择“我的借款 > 立即还款”；
- 银行转账：请在转账附言中注明借款编号及本通知编号${notice.reference}（收款账户信息可在App内查看或致电客服热线获取）；
- 分期偿还：如您无法一次性还清，请在${date(notice.deadline)}前与我们联系，我们将结合您的实际情况，与您协商还款计划。
<#include "_schedule.ftli">

逾期后果：根据借款合同约定，逾期款项可能产生罚息。我司向征信机构报送借款的还款信息，根据《征信业管理条例》第十五条，特此提前告知：如您未能在${date(notice.deadline)}前还清上述逾期款项，我司可能报送本次逾期信息，该信息可能记入您的个人信用记录。如欠款仍未结清，我司可能依法追偿，包括向有管辖权的法院提起诉讼。本通知由${lender.name}作为出借人发出，并非法院或其他国家机关的文书。

如您认为本通知有误或您已经还款，请凭上述通知编号与我们联系。我们将核实后书面答复您；核实期间，我们将暂停就有异议的款项向您发送提醒。

联系方式：
- 您的还款页面：${payLink()}
- 客服热线：${lender.hotline}
- 电子邮箱：${lender.email}
- 官方网站：${lender.website}
- 通讯地址：${lender.address?replace("\n", " ")}
- 投诉渠道：${lender.complaints}

我们理解每个人都可能遇到困难，更希望与您一起找到解决办法。如您已经还款，感谢您，请忽略本通知。

特此通知。

${lender.name}
${date(notice.date)}
