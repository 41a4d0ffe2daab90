<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>您的还款安排</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<p>${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。</p>
<#include "_amounts.html.ftli">
<#include "_schedule.html.ftli">
<p>为使您的借款恢复正常，请于<strong>${date(notice.deadline)}</strong>前还款<strong>${amount(debt.amountDue)}</strong>：可在线还款 <a href="${payLink()}">${payLink()}</a>，在“${lender.appName}”App中选择“我的借款 &gt; 立即还款”，或银行转账并在附言中注明${notice.reference}。还款计划中以后各期保持不变。</p>
<p>如一次性还清有困难，请在${date(notice.deadline)}前回复本邮件或致电${lender.hotline}：我们可以与您商定方案，将逾期金额分摊到之后的各期中偿还。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>告知我们，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此退订邮件提醒</a>。</#if></p>
</body>
</html>
