<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>移交催收前的最后通知</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<h2 style="font-size: 18px;">移交催收前的最后通知</h2>
<p>通知编号：${notice.reference}</p>
<p>${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。</p>
<#include "_history.html.ftli">
<#include "_amounts.html.ftli">
<p>这是我们的最后通知。请您于<strong>${date(notice.deadline)}</strong>前还清<strong>${amount(debt.amountDue)}</strong>，或在该日期前与我们联系，协商还款计划。如届时既未还款，也未与我们达成还款安排，我们拟将该笔欠款交由受我司委托的催收机构代为催收，并可能依法追偿。本通知的PDF版本已作为附件随本邮件发送。</p>
<p>还款方式：<a href="${payLink()}">${payLink()}</a>、“${lender.appName}”App，或银行转账并在附言中注明${notice.reference}。协商还款或咨询：${lender.hotline}、<a href="mailto:${lender.email}">${lender.email}</a>。投诉渠道：${lender.complaints}。</p>
<p>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>告知我们，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此退订邮件提醒</a>。</#if></p>
</body>
</html>
