<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>还款提醒</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<p>您好！温馨提示：您的借款（借款编号${installment.loanIdMasked}）有<strong>${amount(debt.amountDue)}</strong>应还款项我们尚未收到。其中最早一期应于${date(debt.oldestDueDate)}还款，现已逾期${debt.dpd}天。</p>
<#if debt.count gt 1>
<p>上述金额包含${debt.count}期账单：</p>
<ul><#list debt.installments as i><li>${date(i.dueDate)}到期：${money(i.amountDue)}</li></#list></ul>
</#if>
<p>如您已经还款，感谢您的支持，请忽略本邮件；款项到账最多可能需要一个工作日。</p>
<p>还款方式：</p>
<ul>
  <li>在线还款：<a href="${payLink()}">${payLink()}</a>；</li>
  <li>在“${lender.appName}”App中选择“我的借款 &gt; 立即还款”。</li>
</ul>
<p>如暂时还款有困难，欢迎致电${lender.hotline}或发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>与我们联系，我们愿意与您协商适合您的还款计划。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>告知我们，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此退订邮件提醒</a>。</#if><br>通知编号：${notice.reference}</p>
</body>
</html>
