<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"TWD": "新臺幣", "CNY": "人民幣", "USD": "美元", "HKD": "港幣"}[installment.currency]!installment.currency>
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>逾期還款通知</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>親愛的${borrower.name}您好：</p>
<h2 style="font-size: 18px;">逾期還款通知</h2>
<p>通知編號：${notice.reference}</p>
<p>依本公司紀錄，您的貸款（貸款編號${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>應於${due}還款，截至${asOf}尚未清償，已逾期${installment.dpd}天。</p>
<table style="border-collapse: collapse; margin: 8px 0;">
  <caption style="text-align: left;">截至${asOf}的逾期款項明細（幣別：${currencyName}）</caption>
  <tr><td style="padding: 2px 16px 2px 0;">本金</td><td style="text-align: right;">${installment.principal?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">利息</td><td style="text-align: right;">${installment.interest?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">費用</td><td style="text-align: right;">${installment.fees?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;"><strong>合計</strong></td><td style="text-align: right;"><strong>${installment.amountDue?string["0.00"]}</strong></td></tr>
</table>
<p>敬請於<strong>${deadline}</strong>前清償上述全部逾期款項。</p>
<h3 style="font-size: 16px;">一、還款方式</h3>
<ul>
  <li>於「${lender.appName}」App中選擇「我的貸款 &gt; 立即還款」；</li>
  <li>登入官方網站 <a href="${lender.website}">${lender.website}</a> 還款；</li>
  <li>銀行匯款：請於匯款附言註明貸款編號及通知編號${notice.reference}，收款帳戶資訊請於App內查詢。</li>
</ul>
<h3 style="font-size: 16px;">二、還款困難</h3>
<p>如您暫時無法足額還款，請於${deadline}前致電${lender.hotline}或來信<a href="mailto:${lender.email}">${lender.email}</a>與我們聯絡。我們會瞭解您的實際狀況，與您協商還款計畫。</p>
<h3 style="font-size: 16px;">三、異議處理</h3>
<p>如您對上述款項有異議，或已完成還款，請與我們聯絡並提供通知編號${notice.reference}。我們將於查核後回覆您，查核期間暫停就有異議的款項向您發送提醒。</p>
<h3 style="font-size: 16px;">四、信用報送提醒</h3>
<p>本公司依法向徵信機構報送貸款的還款資訊。依相關法令規定，特此事先通知您：如您未能於${deadline}前清償上述逾期款項，本公司將報送本次逾期紀錄，可能影響您的個人信用紀錄。</p>
<h3 style="font-size: 16px;">五、聯絡方式</h3>
<p>客服專線：${lender.hotline}<br>電子郵件：${lender.email}<br>官方網站：${lender.website}<br>申訴管道：${lender.complaints}</p>
<p>如您已完成還款，請忽略本通知。感謝您的體諒與配合！</p>
<p>${lender.name}<br>${asOf}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請直接回覆本郵件「退訂」，或於「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。</p>
</body>
</html>
