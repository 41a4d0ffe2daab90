<#include "_lib.ftli">
${dear}

${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">
<#include "_schedule.ftli">

为使您的借款恢复正常，请于${date(notice.deadline)}前还款${amount(debt.amountDue)}：可在线还款 ${payLink()}，在“${lender.appName}”App中选择“我的借款 > 立即还款”，或银行转账并在附言中注明${notice.reference}。还款计划中以后各期保持不变。

如一次性还清有困难，请在${date(notice.deadline)}前回复本邮件或致电${lender.hotline}：我们可以与您商定方案，将逾期金额分摊到之后的各期中偿还。

${lender.name} 敬上

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至${lender.email}告知我们，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以通过以下链接退订邮件提醒：${notice.unsubscribe}</#if>
