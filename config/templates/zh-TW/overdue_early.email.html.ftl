<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
<#assign currencyName = {"TWD": "新臺幣", "CNY": "人民幣", "USD": "美元", "HKD": "港幣"}[installment.currency]!installment.currency>
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>還款提醒</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>親愛的${borrower.name}您好：</p>
<p>提醒您，您的貸款（貸款編號${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>帳單已於${due}到期，應繳金額為<strong>${installment.amountDue?string["0.00"]}</strong>（幣別：${currencyName}），目前尚未收到您的還款，已逾期${installment.dpd}天。</p>
<p>如您已完成還款，請忽略本郵件；款項入帳可能需要一個工作天，感謝您的支持。</p>
<p>還款方式：</p>
<ul>
  <li>於「${lender.appName}」App中選擇「我的貸款 &gt; 立即還款」；</li>
  <li>登入官方網站 <a href="${lender.website}">${lender.website}</a> 還款。</li>
</ul>
<p>如暫時還款有困難，歡迎致電${lender.hotline}或來信<a href="mailto:${lender.email}">${lender.email}</a>與我們聯絡，我們很樂意與您討論合適的還款安排。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請直接回覆本郵件「退訂」，或於「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。<br>通知編號：${notice.reference}</p>
</body>
</html>
