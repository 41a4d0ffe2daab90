<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
<#assign currencyName = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "TWD": "新台币"}[installment.currency]!installment.currency>
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>还款提醒</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>尊敬的${borrower.name}：</p>
<p>您好！温馨提示：您的借款（借款编号${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>账单已于${due}到期，应还金额<strong>${installment.amountDue?string["0.00"]}</strong>（币种：${currencyName}），目前尚未收到您的还款，已逾期${installment.dpd}天。</p>
<p>如您已经还款，请忽略本邮件，款项到账可能需要一个工作日，感谢您的支持。</p>
<p>还款方式：</p>
<ul>
  <li>在“${lender.appName}”App中选择“我的借款 &gt; 立即还款”；</li>
  <li>登录官方网站 <a href="${lender.website}">${lender.website}</a> 还款。</li>
</ul>
<p>如暂时还款有困难，欢迎致电${lender.hotline}或发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>与我们联系，我们愿意与您协商合适的还款安排。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请直接回复本邮件“退订”，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。<br>通知编号：${notice.reference}</p>
</body>
</html>
