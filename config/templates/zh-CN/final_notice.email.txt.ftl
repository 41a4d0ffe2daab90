<#include "_lib.ftli">
${dear}

移交催收前的最后通知
通知编号：${notice.reference}

${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。
<#include "_history.ftli">

<#include "_amounts.ftli">

这是我们的最后通知。请您于${date(notice.deadline)}前还清${amount(debt.amountDue)}，或在该日期前与我们联系，协商还款计划。如届时既未还款，也未与我们达成还款安排，我们拟将该笔欠款交由受我司委托的催收机构代为催收，并可能依法追偿。本通知的PDF版本已作为附件随本邮件发送。

还款方式：${payLink()}、“${lender.appName}”App，或银行转账并在附言中注明${notice.reference}。协商还款或咨询：${lender.hotline}、${lender.email}。投诉渠道：${lender.complaints}。

${lender.name}

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至${lender.email}告知我们，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以通过以下链接退订邮件提醒：${notice.unsubscribe}</#if>
