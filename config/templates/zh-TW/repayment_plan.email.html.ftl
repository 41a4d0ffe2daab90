<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>您的還款安排</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<p>${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。</p>
<#include "_amounts.html.ftli">
<#include "_schedule.html.ftli">
<p>為使您的貸款恢復正常，請於<strong>${date(notice.deadline)}</strong>前還款<strong>${amount(debt.amountDue)}</strong>：可線上還款 <a href="${payLink()}">${payLink()}</a>，在「${lender.appName}」App中選擇「我的貸款 &gt; 立即還款」，或銀行匯款並在附言中註明${notice.reference}。還款計畫中以後各期保持不變。</p>
<p>如一次性還清有困難，請在${date(notice.deadline)}前回覆本郵件或致電${lender.hotline}：我們可以與您協商方案，將逾期金額分攤到之後的各期中償還。</p>
<p>${lender.name} 敬上</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至<a href="mailto:${lender.email}">${lender.email}</a>告知我們，或在「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此取消訂閱郵件提醒</a>。</#if></p>
</body>
</html>
