<#include "_lib.ftli">
${dear}

您好！温馨提示：您的借款（借款编号${installment.loanIdMasked}）有${amount(debt.amountDue)}应还款项我们尚未收到。其中最早一期应于${date(debt.oldestDueDate)}还款，现已逾期${debt.dpd}天。
<#if debt.count gt 1>
上述金额包含${debt.count}期账单：
<#list debt.installments as i>- ${date(i.dueDate)}到期：${money(i.amountDue)}
</#list></#if>
如您已经还款，感谢您的支持，请忽略本邮件；款项到账最多可能需要一个工作日。

还款方式：
- 在线还款：${payLink()}
- 在“${lender.appName}”App中选择“我的借款 > 立即还款”。

如暂时还款有困难，欢迎致电${lender.hotline}或发送邮件至${lender.email}与我们联系，我们愿意与您协商适合您的还款计划。

${lender.name} 敬上

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至${lender.email}告知我们，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以通过以下链接退订邮件提醒：${notice.unsubscribe}</#if>
通知编号：${notice.reference}
