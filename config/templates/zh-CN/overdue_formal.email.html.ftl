<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "TWD": "新台币"}[installment.currency]!installment.currency>
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>逾期还款通知</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>尊敬的${borrower.name}：</p>
<h2 style="font-size: 18px;">逾期还款通知</h2>
<p>通知编号：${notice.reference}</p>
<p>您好！根据我司记录，您的借款（借款编号${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>应于${due}还款，截至${asOf}尚未结清，已逾期${installment.dpd}天。</p>
<table style="border-collapse: collapse; margin: 8px 0;">
  <caption style="text-align: left;">截至${asOf}的逾期款项明细（币种：${currencyName}）</caption>
  <tr><td style="padding: 2px 16px 2px 0;">本金</td><td style="text-align: right;">${installment.principal?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">利息</td><td style="text-align: right;">${installment.interest?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">费用</td><td style="text-align: right;">${installment.fees?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;"><strong>合计</strong></td><td style="text-align: right;"><strong>${installment.amountDue?string["0.00"]}</strong></td></tr>
</table>
<p>请您于<strong>${deadline}</strong>前归还上述全部逾期款项。</p>
<h3 style="font-size: 16px;">一、还款方式</h3>
<ul>
  <li>在“${lender.appName}”App中选择“我的借款 &gt; 立即还款”；</li>
  <li>登录官方网站 <a href="${lender.website}">${lender.website}</a> 还款；</li>
  <li>银行转账：请在转账附言中注明借款编号及通知编号${notice.reference}，收款账户信息请在App内查看。</li>
</ul>
<h3 style="font-size: 16px;">二、还款困难</h3>
<p>如您暂时无法足额还款，请在${deadline}前致电${lender.hotline}或发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>与我们联系。我们会了解您的实际情况，与您协商还款计划。</p>
<h3 style="font-size: 16px;">三、异议处理</h3>
<p>如您对上述款项有异议，或已经还款，请联系我们并提供通知编号${notice.reference}。我们将核实后答复您，核实期间暂停就有异议的款项向您发送提醒。</p>
<h3 style="font-size: 16px;">四、征信报送提示</h3>
<p>我司依法向征信机构报送借款的还款信息。根据《征信业管理条例》第十五条的规定，现提前告知您：如您未能在${deadline}前还清上述逾期款项，我司将报送本次逾期信息，这可能影响您的个人信用记录。</p>
<h3 style="font-size: 16px;">五、联系方式</h3>
<p>客服热线：${lender.hotline}<br>电子邮箱：${lender.email}<br>官方网站：${lender.website}<br>投诉渠道：${lender.complaints}</p>
<p>如您已经还款，请忽略本通知。感谢您的理解与配合！</p>
<p>${lender.name}<br>${asOf}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请直接回复本邮件“退订”，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。</p>
</body>
</html>
