<#include "_lib.ftli">
<#-- 欠款移交催收机构或采取法律行动之前的最后一份通知。 -->
关于${who}借款逾期的最后通知
通知编号：${notice.reference}

${dear}

${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

这是我们的最后通知。请您于${date(notice.deadline)}前还清${amount(debt.amountDue)}，或在该日期前与我们联系，协商还款计划。

如在${date(notice.deadline)}前既未还款，也未与我们达成还款安排，我们拟将该笔欠款交由受我司委托的催收机构代为催收，并可能依法追偿，包括向法院提起诉讼。根据借款合同约定，逾期款项可能继续产生罚息；本次逾期信息可能报送征信机构，记入您的个人信用记录。本通知由${lender.name}作为出借人发出，并非法院或其他国家机关的文书。

还款方式：
- 在线还款 ${payLink()}，或在“${lender.appName}”App中选择“我的借款 > 立即还款”；
- 银行转账，并在附言中注明借款编号及本通知编号${notice.reference}；
- 分期偿还：请在${date(notice.deadline)}前致电${lender.hotline}，与我们协商还款计划。

如您认为本通知有误或您已经还款，请致电${lender.hotline}或发送邮件至${lender.email}，并提供上述通知编号；核实期间我们将暂停催收。投诉渠道：${lender.complaints}。

我们仍然希望与您直接协商解决。

${lender.name}
${lender.address?replace("\n", " ")}
${date(notice.date)}
