<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>還款提醒</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<p>提醒您，您的貸款（貸款編號${installment.loanIdMasked}）有<strong>${amount(debt.amountDue)}</strong>應還款項我們尚未收到。其中最早一期應於${date(debt.oldestDueDate)}繳款，現已逾期${debt.dpd}天。</p>
<#if debt.count gt 1>
<p>上述金額包含${debt.count}期帳單：</p>
<ul><#list debt.installments as i><li>${date(i.dueDate)}到期：${money(i.amountDue)}</li></#list></ul>
</#if>
<p>如您已經還款，感謝您的支持，請忽略本郵件；款項入帳最多可能需要一個工作天。</p>
<p>還款方式：</p>
<ul>
  <li>線上還款：<a href="${payLink()}">${payLink()}</a>；</li>
  <li>在「${lender.appName}」App中選擇「我的貸款 &gt; 立即還款」。</li>
</ul>
<p>如暫時還款有困難，歡迎致電${lender.hotline}或來信至<a href="mailto:${lender.email}">${lender.email}</a>與我們聯絡，我們願意與您協商適合您的還款計畫。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至<a href="mailto:${lender.email}">${lender.email}</a>告知我們，或在「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此取消訂閱郵件提醒</a>。</#if><br>通知編號：${notice.reference}</p>
</body>
</html>
