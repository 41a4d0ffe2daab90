<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>逾期還款正式通知</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<h2 style="font-size: 18px;">逾期還款正式通知</h2>
<p>通知編號：${notice.reference}</p>
<p>${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。</p>
<#include "_amounts.html.ftli">
<p>敬請於<strong>${date(notice.deadline)}</strong>前清償上述全部逾期款項。本通知的PDF版本已作為附件隨本郵件發送。</p>
<h3 style="font-size: 16px;">一、還款方式</h3>
<ul>
  <li>一次性還清：<a href="${payLink()}">${payLink()}</a>，或在「${lender.appName}」App中選擇「我的貸款 &gt; 立即還款」；</li>
  <li>銀行匯款：請於匯款附言中註明貸款編號及通知編號${notice.reference}；</li>
  <li>分期償還：請在${date(notice.deadline)}前與我們聯絡，我們將與您協商還款計畫。</li>
</ul>
<#include "_schedule.html.ftli">
<#include "_history.html.ftli">
<h3 style="font-size: 16px;">二、異議處理</h3>
<p>如您認為上述金額有誤，或您已經還款，請致電${lender.hotline}或來信至<a href="mailto:${lender.email}">${lender.email}</a>，並提供通知編號${notice.reference}。我們將查核後答覆您，查核期間暫停就有異議的款項向您發送提醒。</p>
<h3 style="font-size: 16px;">三、信用報送提醒</h3>
<p>本公司會向徵信機構報送貸款的還款資訊。本通知即為事先通知：如您未能在${date(notice.deadline)}前還清上述逾期款項，本公司可能報送本次逾期資訊，可能影響您的個人信用紀錄。</p>
<h3 style="font-size: 16px;">四、聯絡方式</h3>
<p>客服專線：${lender.hotline}<br>電子郵件：<a href="mailto:${lender.email}">${lender.email}</a><br>官方網站：${lender.website}<br>申訴管道：${lender.complaints}</p>
<p>如您已經還款，感謝您，請忽略本通知。</p>
<p>${lender.name}<br>${lender.address?replace("\n", " ")}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至<a href="mailto:${lender.email}">${lender.email}</a>告知我們，或在「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此取消訂閱郵件提醒</a>。</#if></p>
</body>
</html>
