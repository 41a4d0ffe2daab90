<#include "_lib.ftli">
<#-- 出借人拟向法院起诉的通知：说明的是打算，不得声称已经立案或已有案件。 -->
拟提起诉讼的通知（致${who}）
通知编号：${notice.reference}

${dear}

${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

由于该笔欠款仍未归还，${lender.name}拟向有管辖权的法院提起诉讼，追偿${amount(debt.amountDue)}，以及借款合同约定和法律允许的利息与费用。我们不会在${date(notice.deadline)}之前起诉。目前尚未向任何法院提起诉讼；本通知由您的出借人发出，并非法院文书。

您仍可避免诉讼：请于${date(notice.deadline)}前还清上述款项（在线还款 ${payLink()}、“${lender.appName}”App，或银行转账并在附言中注明${notice.reference}），或在该日期前与我们联系，协商还款计划。如您对该笔欠款有异议，请在该日期前以书面形式告知我们并注明上述编号；我们将在采取任何进一步行动之前予以核实。

联系方式：${lender.hotline}，${lender.email}，${lender.address?replace("\n", " ")}。投诉渠道：${lender.complaints}。

${lender.name}
${date(notice.date)}
